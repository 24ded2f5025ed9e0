-- Papers that point at a paper (subordinate papers, amendments and supplements) are found by
-- index: OParl's paper lists ask for them for every paper of a page, and without these indexes
-- each page read every paper of the authority twice (ADR 0018; 5 ms of a 5-paper page over
-- 11,000 papers). They also serve the foreign keys when a paper is deleted.
CREATE INDEX "papers_tenant_id_superordinate_paper_id_idx" ON "papers"("tenant_id", "superordinate_paper_id");
CREATE INDEX "papers_tenant_id_original_paper_id_idx" ON "papers"("tenant_id", "original_paper_id");
