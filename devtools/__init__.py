"""Developer tools: the pytest fixtures every suite shares, and the mutation run
(``make mutation``)."""
