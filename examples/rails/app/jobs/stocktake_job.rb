# Counts the products and their stock, stamps them as counted, and records the count under the caller's token.
class StocktakeJob < ApplicationJob
  queue_as :default

  def perform(token)
    Product.transaction do
      Product.update_all(counted_at: Time.current)
      Stocktake.create!(token: token, products: Product.count, units: Product.sum(:stock))
    end
  end
end
