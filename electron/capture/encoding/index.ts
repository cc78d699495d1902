export { encodeScannedPage, type EncodedPage, type PageEncoding } from './encode-page';
export { addEncodedPage } from './pdf-page';
export { classifyPage, type PageClass, type PageContent, type PixelBox } from './classify';
export { encodeG4, type Bilevel } from './g4-encoder';
export { decodePng } from './png-decode';
export type { PageImage, Raster } from './raster';
