"""A static web page that calls the adapters from the browser, and the command that serves it."""
