"""What is sent: the request mix with each request's expected answer, and the locustfile."""
