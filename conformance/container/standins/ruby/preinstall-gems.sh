#!/bin/sh
# Lays out the gems Debian packaged as if Bundler had installed them under BUNDLE_PATH (/usr/local/bundle), which
# is where a Gemfile.lock's gems land in the official image: rubygems.org is unreachable here, so `bundle install`
# in the generated Dockerfile finds every locked gem already there and downloads nothing.
set -eu
api=$(ruby -e 'print RbConfig::CONFIG["ruby_version"]')
arch=$(ruby -e 'print RbConfig::CONFIG["arch"]')
target="/usr/local/bundle/ruby/$api"
mkdir -p "$target/specifications" "$target/gems" "$target/extensions" "$target/bin"
for dir in /usr/share/rubygems-integration/all "/usr/share/rubygems-integration/$api" \
           "/usr/lib/$arch/rubygems-integration/$api" "/usr/lib/ruby/gems/$api"; do
    [ -d "$dir/specifications" ] || continue
    for spec in "$dir"/specifications/*.gemspec; do
        name=$(basename "$spec" .gemspec)
        [ -e "$target/specifications/$name.gemspec" ] && continue
        cp "$spec" "$target/specifications/"
        # A gem Debian installed into vendor_ruby (on Ruby's load path) has no directory of its own: an empty one
        # tells Bundler it is installed, and require still finds the code in vendor_ruby.
        if [ -d "$dir/gems/$name" ]; then cp -a "$dir/gems/$name" "$target/gems/"; else mkdir "$target/gems/$name"; fi
    done
    if [ -d "$dir/extensions" ]; then cp -a "$dir/extensions/." "$target/extensions/"; fi
done
# Ruby's default gems (benchmark, bigdecimal, ...) appear in lock files too, and with BUNDLE_PATH set Bundler installs
# them there like any other gem; their code stays in Ruby's own library, which is on the load path.
for spec in "/usr/lib/ruby/gems/$api/specifications/default"/*.gemspec; do
    name=$(basename "$spec" .gemspec)
    [ -e "$target/specifications/$name.gemspec" ] && continue
    cp "$spec" "$target/specifications/"
    mkdir "$target/gems/$name"
done
# A gem whose extension Debian built into Ruby's load path: mark its extension built, as `gem install` would.
GEM_HOME="$target" GEM_PATH="$target" ruby -rfileutils -e '
  Gem::Specification.each do |spec|
    next if spec.extensions.empty? || !spec.loaded_from.start_with?(ENV["GEM_HOME"])
    marker = File.join(spec.extension_dir, "gem.build_complete")
    next if File.exist?(marker)
    FileUtils.mkdir_p(spec.extension_dir)
    File.write(marker, "")
  end'
# Debian's ruby-bootsnap leaves out the gem's command, which the generated Dockerfile runs (bootsnap precompile):
# a launcher of its CLI class, the library Debian does ship.
for dir in "$target"/gems/bootsnap-*; do
    mkdir -p "$dir/exe"
    printf '#!/usr/bin/env ruby\nrequire "bootsnap/cli"\nexit Bootsnap::CLI.new(ARGV).run\n' > "$dir/exe/bootsnap"
    chmod +x "$dir/exe/bootsnap"
done
# Executables (puma, sidekiq, rake, ...) where Bundler puts them, for `bundle exec`.
GEM_HOME="$target" GEM_PATH="$target" gem pristine --all --only-executables --bindir "$target/bin" >/dev/null
