import { Pipe, PipeTransform } from '@angular/core';

/** "Karl Meier, Dr. Anna Lehmann": the names of persons or bodies, in their order. */
@Pipe({ name: 'joinNames' })
export class JoinNamesPipe implements PipeTransform {
  transform(items: readonly { name: string }[]): string {
    return items.map((item) => item.name).join(', ');
  }
}

/** "BV/0001/2026, A/0003/2026": the references of papers, in their order. */
@Pipe({ name: 'joinReferences' })
export class JoinReferencesPipe implements PipeTransform {
  transform(papers: readonly { reference: string }[]): string {
    return papers.map((paper) => paper.reference).join(', ');
  }
}
