import { describe, expect, it } from 'vitest';
import { isShowablePicture } from './picture-address';

describe('isShowablePicture', () => {
  it('shows pictures from the local server and embedded ones only', () => {
    expect(isShowablePicture(`http://127.0.0.1:4567/tok_en-1/art/${'a1'.repeat(16)}`)).toBe(true);
    expect(isShowablePicture('data:image/png;base64,AAAA')).toBe(true);
    expect(isShowablePicture('https://img.example/p.jpg')).toBe(false);
    expect(isShowablePicture('http://127.0.0.1:4567/tok/stream/x')).toBe(false);
    expect(isShowablePicture('javascript:alert(1)')).toBe(false);
    expect(isShowablePicture(undefined)).toBe(false);
  });
});
