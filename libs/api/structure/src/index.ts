// Public API of @ratsinfo/api-structure: filled in by the issue-7 work.
export {};
