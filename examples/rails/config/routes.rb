Rails.application.routes.draw do
  # 200 when the app boots without exceptions, else 500; load balancers and uptime monitors ask it.
  get "up" => "rails/health#show", as: :rails_health_check

  resources :products, only: %i[ index ]
end
