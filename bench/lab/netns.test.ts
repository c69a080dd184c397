// Plans only: nothing here creates or removes a namespace (that needs root and is the lab's job).
import { describe, expect, it } from 'vitest';
import { labPrefix, namespacesToRemove, planNetwork } from './netns.js';

describe('planNetwork', () => {
  const plan = planNetwork(
    [
      { name: 'seed0', upKbit: 6000, downKbit: 0 },
      { name: 'viewer', upKbit: 20000, downKbit: 100000 },
    ],
    0x1234,
  );

  it('names every namespace with the run prefix, and every link within 15 characters', () => {
    expect(plan.prefix).toBe('esl001234');
    expect(plan.hub.netns).toBe('esl001234-hub');
    expect(plan.hosts.map((h) => h.netns)).toEqual(['esl001234-seed0', 'esl001234-viewer']);
    const links = plan.commands.filter((c) => c.includes('veth')).flatMap((c) => [c[3]!, c[8]!]);
    expect(links).toEqual(['esl001234h0', 'esl001234b0', 'esl001234h1', 'esl001234b1']);
    for (const name of links) expect(name.length).toBeLessThanOrEqual(15);
  });

  it('gives each host an address and a hub alias in one private /16', () => {
    expect(plan.hosts.map((h) => h.address)).toEqual(['10.210.0.10', '10.210.0.11']);
    expect(plan.hosts.map((h) => h.alias)).toEqual(['10.210.1.10', '10.210.1.11']);
  });

  it('shapes upload on the host end and download on the hub end, only where capped', () => {
    const shaping = plan.commands
      .filter((c) => c[0] === 'tc')
      .map((c) => `${c[2]} ${c[6]} ${c[10]}`);
    expect(shaping).toEqual([
      'esl001234-seed0 esl001234h0 6000kbit',
      'esl001234-viewer esl001234h1 20000kbit',
      'esl001234-hub esl001234b1 100000kbit',
    ]);
  });
});

describe('namespacesToRemove', () => {
  it('takes this run’s namespaces and those of dead runs, never anyone else’s', () => {
    const own = labPrefix(0x10);
    const alive = (pid: number) => pid === 0x10 || pid === 0x20;
    const existing = [
      'esl000010-hub', // this run
      'esl000020-viewer', // another run still going
      'esl000030-seed0', // a crashed run
      'someone-else',
      'esl-not-ours',
    ];
    expect(namespacesToRemove(existing, own, alive)).toEqual(['esl000010-hub', 'esl000030-seed0']);
  });
});
