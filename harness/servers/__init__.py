"""The servers: their registry, known gaps and behaviour, how each starts, live servers on
127.0.0.1, and nginx in front of one."""
