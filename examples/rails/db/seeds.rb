# bin/rails db:seed (and db:prepare on a new database) loads these.
[ [ "Anvil", 3 ], [ "Rope", 12 ], [ "Lantern", 5 ] ].each do |name, stock|
  Product.find_or_create_by!(name: name) { |product| product.stock = stock }
end
