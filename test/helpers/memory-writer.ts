import type { DocumentWriter } from '../../main/core/store/job-store-file.js';
import type { JobDocument } from '../../main/core/store/job-store-schema.js';

/** A DocumentWriter that keeps the last written document as JSON text, like a file would. */
export class MemoryWriter implements DocumentWriter {
  readonly path = '(memory)';
  text: string | undefined;
  writes = 0;

  write(doc: JobDocument): void {
    this.text = JSON.stringify(doc);
    this.writes++;
  }

  read(): JobDocument {
    return JSON.parse(this.text ?? 'null') as JobDocument;
  }
}
