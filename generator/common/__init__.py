"""Vocabulary every stage shares: problems, where a project's files are, progress, OS errors."""
