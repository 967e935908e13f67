"""Shared plumbing: finding the adapters and running them under real servers."""
