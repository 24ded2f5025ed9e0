// Public API of @ratsinfo/api-papers: filled in by the issue-7 work.
export {};
