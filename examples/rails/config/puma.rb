# Puma runs RAILS_MAX_THREADS threads in each of WEB_CONCURRENCY processes (Puma reads WEB_CONCURRENCY itself).
threads_count = ENV.fetch("RAILS_MAX_THREADS", 3)
threads threads_count, threads_count

port ENV.fetch("PORT", 3000)

# Allow puma to be restarted by `bin/rails restart` command.
plugin :tmp_restart

pidfile ENV["PIDFILE"] if ENV["PIDFILE"]
