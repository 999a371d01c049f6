-- GET with the session cookie (the server answers loopback Host names only).
wrk.headers["Cookie"] = "speciosa_session=" .. os.getenv("SESSION")
