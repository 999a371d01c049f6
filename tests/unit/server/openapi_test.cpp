// The OpenAPI document served at /api/v1/openapi.json lists exactly the routes the server
// registers, with their methods; and the options the server refuses to start with.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "speciosa/server.hpp"

namespace speciosa::server {
namespace {

using RouteKey = std::pair<std::string, std::string>;

std::set<RouteKey> documented() {
  const auto doc = nlohmann::json::parse(openapi_document());
  std::set<RouteKey> out;
  for (const auto& [path, methods] : doc.at("paths").items()) {
    for (const auto& [method, op] : methods.items()) {
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
      out.emplace(upper, path);
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
    }
  }
  return out;
}

TEST(OpenApi, IsOpenApi3) {
  const auto doc = nlohmann::json::parse(openapi_document());
  EXPECT_EQ(doc.at("openapi").get<std::string>().substr(0, 2), "3.");
  EXPECT_TRUE(doc.at("components").at("schemas").contains("Error"));
}

TEST(OpenApi, EveryRegisteredRouteIsDocumented) {
  const auto doc = documented();
  for (const auto& r : api_routes()) EXPECT_TRUE(doc.count({r.method, r.path})) << r.method << " " << r.path;
}

TEST(OpenApi, EveryDocumentedRouteIsRegistered) {
  std::set<RouteKey> registered;
  for (const auto& r : api_routes()) registered.emplace(r.method, r.path);
  for (const auto& key : documented()) EXPECT_TRUE(registered.count(key)) << key.first << " " << key.second;
}

TEST(ServerOptions, NonLoopbackNeedsMultiUser) {
  ServerOptions o;
  EXPECT_TRUE(check_options(o));
  o.listen = "0.0.0.0";
  const auto refused = check_options(o);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "listen");
  EXPECT_TRUE(refused.error().is_user_error());
  o.multi_user = true;
  EXPECT_TRUE(check_options(o));
  o.port = 70000;
  EXPECT_EQ(check_options(o).error().field, "port");
}

TEST(ServerOptions, LoopbackAddresses) {
  for (const char* a : {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"}) EXPECT_TRUE(is_loopback(a)) << a;
  for (const char* a : {"0.0.0.0", "192.168.1.2", "::", "example.com", "127.0.0.1.evil.example", "127example.com"}) EXPECT_FALSE(is_loopback(a)) << a;
}

}  // namespace
}  // namespace speciosa::server
