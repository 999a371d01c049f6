-- POST a dose with the session cookie and its CSRF token.
wrk.method = "POST"
wrk.body = '{"amount":"2g","product":"maeng-da","note":"load test"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "speciosa_session=" .. os.getenv("SESSION")
wrk.headers["X-CSRF-Token"] = os.getenv("CSRF")
