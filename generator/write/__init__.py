"""Write the generated tree atomically, only what changed; the run lock."""
