# One count of the catalogue, recorded by StocktakeJob.
class Stocktake < ApplicationRecord
  validates :token, presence: true, uniqueness: true
end
