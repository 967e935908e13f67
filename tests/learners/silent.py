"""A server that accepts connections and never answers: ``python silent.py PORT``."""

import socket
import sys
import time

with socket.create_server(("127.0.0.1", int(sys.argv[1]))) as server:
    held = []
    while True:
        connection, _ = server.accept()
        held.append(connection)  # read nothing, answer nothing, close nothing
        time.sleep(0)
