class CreateProducts < ActiveRecord::Migration[7.2]
  def change
    create_table :products do |t|
      t.string :name, null: false
      t.integer :stock, null: false, default: 0
      t.datetime :counted_at
      t.timestamps
    end
    add_index :products, :name, unique: true

    create_table :stocktakes do |t|
      t.string :token, null: false
      t.integer :products, null: false
      t.integer :units, null: false
      t.timestamps
    end
    add_index :stocktakes, :token, unique: true
  end
end
