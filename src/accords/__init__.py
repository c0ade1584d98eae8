"""accords."""
