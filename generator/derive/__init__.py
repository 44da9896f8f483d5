"""What is computed across sources: agreement and conflicts, kinship, comparisons, what each term page says."""
