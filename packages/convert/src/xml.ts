export { createXmlWriter, type XmlWriterOptions } from './xml/createXmlWriter.js';
export type { XmlReaderOptions } from './xml/readXml.js';
export { readXml } from './xml/readXml.js';
