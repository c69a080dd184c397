// Which picture addresses the window shows: embedded images and pictures served by the engine's
// local server (it fetches and caches artwork). Anything from the internet is never loaded here.
const LOCAL_ART = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[A-Za-z0-9_-]{1,100}\/art\/[a-f0-9]{32}$/;
const EMBEDDED = /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i;

export const isShowablePicture = (src: string | undefined): src is string =>
  src !== undefined && (LOCAL_ART.test(src) || EMBEDDED.test(src));
