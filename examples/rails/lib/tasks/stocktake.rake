desc "Queues a stocktake for the Sidekiq worker; with WAIT=seconds, waits until the worker has recorded it"
task stocktake: :environment do
  token = SecureRandom.hex(8)
  StocktakeJob.perform_later(token)
  wait = Integer(ENV.fetch("WAIT", "0"))
  deadline = Time.current + wait
  until (stocktake = Stocktake.find_by(token: token))
    abort "stocktake #{token} not recorded after #{wait} s: is the worker running?" if Time.current > deadline
    sleep 0.5
  end if wait.positive?
  puts stocktake ? "stocktake #{token}: #{stocktake.products} products, #{stocktake.units} units" : "stocktake #{token} queued"
end
