#include "sim/engine/statistics.h"

#include <stdexcept>

namespace rampup {

BinSpec bin_spec(const Statistic& s, int members, int years) {
  const auto integers = [](int max_value) { return BinSpec{-0.5, 1.0, max_value + 1}; };
  switch (s.bins) {
    case Bins::share:
      return SHARE_BINS;
    case Bins::will:
      return WILL_BINS;
    case Bins::spending:
      return SPENDING_BINS;
    case Bins::percent:
      return PERCENT_BINS;
    case Bins::year_index:
      return integers(years);
    case Bins::member_count:
      return integers(members);
  }
  throw std::logic_error("bin_spec: unknown bins");
}

std::vector<std::string> cell_dimensions(Cells cells) {
  switch (cells) {
    case Cells::member_year:
      return {"member", "year"};
    case Cells::member:
      return {"member"};
    case Cells::year:
      return {"year"};
    case Cells::trial:
      return {};
  }
  throw std::logic_error("cell_dimensions: unknown cells");
}

int cell_count(Cells cells, int members, int years) {
  switch (cells) {
    case Cells::member_year:
      return members * years;
    case Cells::member:
      return members;
    case Cells::year:
      return years;
    case Cells::trial:
      return 1;
  }
  throw std::logic_error("cell_count: unknown cells");
}

int member_of_cell(Cells cells, int cell, int years) {
  switch (cells) {
    case Cells::member_year:
      return cell / years;
    case Cells::member:
      return cell;
    case Cells::year:
    case Cells::trial:
      return -1;
  }
  throw std::logic_error("member_of_cell: unknown cells");
}

}  // namespace rampup
