"""Application pages, split by what they show: the pipeline, interviews and calendar,
contacts/goals/analytics, and import/export."""
