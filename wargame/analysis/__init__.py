"""Analysis: many seeded runs at once, summarised (batch runs; experiments and reports to come)."""
