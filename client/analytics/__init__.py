"""Reply analytics (issue 18): mails, reply rate, first-response time in working hours and
quotes, per rep and per customer / country / channel for a period. `hours` (working time
between two instants), `figures` (the computation), `table` (rows for CSV and the app)."""
