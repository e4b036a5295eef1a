class ProductsController < ApplicationController
  def index
    render json: Product.order(:name).map { |product| product.slice(:id, :name, :stock, :counted_at) }
  end
end
