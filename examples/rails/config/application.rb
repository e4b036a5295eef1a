require_relative "boot"

require "rails"
# Only the frameworks an API with background jobs uses.
require "active_model/railtie"
require "active_job/railtie"
require "active_record/railtie"
require "action_controller/railtie"

# Require the gems listed in Gemfile, including any gems
# you've limited to :test, :development, or :production.
Bundler.require(*Rails.groups)

module Storefront
  class Application < Rails::Application
    config.load_defaults 7.2

    config.autoload_lib(ignore: %w[assets tasks])

    # Only loads a smaller set of middleware suitable for API only apps.
    config.api_only = true

    # Jobs run in the Sidekiq worker, which reads REDIS_URL.
    config.active_job.queue_adapter = :sidekiq
  end
end
