"""The server runs: the plan, the schedule, the Locust driver, its windows, what the cores did."""
