// Writes the sample file that check_clients.py opens with h5py, xarray, netCDF4 and
// ncdump. Usage: write_sample OUTPUT.nc  (values are formulas the checker recomputes)
#include <cmath>
#include <cstdint>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "sim/hdf5/file.h"
#include "sim/output/atomic_output.h"

namespace h5 = rampup::h5;
namespace output = rampup::output;

namespace {

void write_sample(const std::filesystem::path& path) {
  h5::File f = h5::File::create(path);
  h5::Group root = f.root();
  root.set_attrs({{"Conventions", "CF-1.8"},
                  {"title", "rampup::h5 sample"},
                  {"format_version", std::int32_t{1}}});
  h5::Group g = root.create_group("summary", {{"description", "per-member statistics"}});

  const std::vector<std::string> members = {"France", "Germany", "Türkiye"};
  const std::vector<std::int32_t> years = {2025, 2026, 2027, 2028};
  const std::vector<double> quantiles = {0.05, 0.5, 0.95};
  g.add_dimension("member", members, {{"long_name", "member state"}});
  g.add_dimension("year", years, {{"long_name", "calendar year"}});
  g.add_dimension("quantile", quantiles, {{"long_name", "quantile"}, {"units", "1"}});
  g.add_unlimited_dimension("trial");

  // share[m][y][q] = m * 100 + y * 10 + q + 0.25
  std::vector<double> share;
  for (std::size_t m = 0; m < members.size(); ++m)
    for (std::size_t y = 0; y < years.size(); ++y)
      for (std::size_t q = 0; q < quantiles.size(); ++q)
        share.push_back(static_cast<double>(m * 100 + y * 10 + q) + 0.25);
  g.write_variable("share", {"member", "year", "quantile"}, share,
                   {{"_FillValue", std::nan("")},
                    {"long_name", "defence spending share of GDP"},
                    {"units", "1"}},
                   {.deflate_level = 4, .chunk = {1, 4, 3}});

  // draws[t][m] = t + m / 4, appended in blocks of 2, 5 and 3 trials.
  auto draws = g.create_appendable<float>(
      "draws", {"trial", "member"},
      {{"_FillValue", std::nan("")}, {"long_name", "per-trial draw"}, {"units", "1"}},
      {.deflate_level = 1});
  std::size_t trial = 0;
  for (std::size_t block : {2, 5, 3}) {
    std::vector<float> rows;
    for (std::size_t t = trial; t < trial + block; ++t)
      for (std::size_t m = 0; m < members.size(); ++m)
        rows.push_back(static_cast<float>(t) + static_cast<float>(m) / 4.0F);
    draws.append(rows);
    trial += block;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_sample OUTPUT.nc\n";
    return 2;
  }
  try {
    output::AtomicOutput out(argv[1], /*overwrite=*/true);
    write_sample(out.temp_path());  // every handle is closed when this returns
    out.commit();
  } catch (const std::exception& e) {
    std::cerr << "write_sample: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
