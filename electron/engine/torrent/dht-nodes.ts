// Reads a list of DHT nodes to start from ("host:port,host:port"), strictly: for private and test
// networks that must not reach the public DHT. Never throws; undefined means "not a valid list".

const HOST_PORT = /^[A-Za-z0-9.-]{1,253}:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;
const MAX_NODES = 16;

export function parseDhtNodes(text: string): string[] | undefined {
  const nodes = text.split(',').map((s) => s.trim());
  if (nodes.length > MAX_NODES) return undefined;
  const valid = nodes.every((node) => {
    if (!HOST_PORT.test(node)) return false;
    const port = Number(node.slice(node.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  });
  return valid ? nodes : undefined;
}
