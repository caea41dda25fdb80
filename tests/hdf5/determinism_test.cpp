// The same content written twice gives byte-identical files (no timestamps, step 3).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "sim/hdf5/file.h"
#include "tests/support/temp_dir.h"

namespace rampup::h5 {
namespace {

using test::TempDir;

void write_everything(const std::filesystem::path& path) {
  File f = File::create(path);
  Group root = f.root();
  root.set_attrs({{"Conventions", "CF-1.8"}, {"seed", std::int64_t{12345}}});
  Group g = root.create_group("summary", {{"description", "Zusammenfassung für Türkiye"}});
  g.add_dimension("member", std::vector<std::string>{"Türkiye", "France", "Germany"});
  g.add_dimension("year", std::vector<std::int32_t>{2025, 2026});
  g.add_dimension("quantile", std::vector<double>{0.1, 0.9});
  g.add_dimension_without_coordinate("bin", 3);
  g.add_unlimited_dimension("trial");
  std::vector<double> share(12);
  for (std::size_t i = 0; i < share.size(); ++i) share[i] = std::sqrt(static_cast<double>(i));
  g.write_variable("share", {"member", "year", "quantile"}, share,
                   {{"_FillValue", std::nan("")}, {"long_name", "share"}, {"units", "1"}},
                   {.deflate_level = 4});
  g.write_variable("hist", {"bin"}, std::vector<std::int64_t>{1, 2, 3});
  auto draws = g.create_appendable<float>("draws", {"trial", "member"}, {{"units", "1"}},
                                          {.deflate_level = 1, .chunk = {4, 3}});
  for (std::size_t block : {2, 5, 3}) draws.append(std::vector<float>(3 * block, 0.25F));
}

TEST(Determinism, SameContentGivesIdenticalBytes) {
  TempDir dir;
  write_everything(dir / "one.nc");
  // Timestamps have a one-second resolution: cross a second boundary.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_everything(dir / "two.nc");
  const auto one = test::file_bytes(dir / "one.nc");
  const auto two = test::file_bytes(dir / "two.nc");
  ASSERT_GT(one.size(), 1000U);
  EXPECT_TRUE(one == two) << "files differ (sizes " << one.size() << ", " << two.size() << ")";
}

}  // namespace
}  // namespace rampup::h5
