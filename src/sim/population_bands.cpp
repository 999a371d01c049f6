// Fixed-size histograms per output and grid point, for quantile bands with memory independent of
// the number of subjects and results independent of the order subjects are added in.
#include <cmath>

#include "speciosa/sim_population.hpp"

namespace speciosa::sim {

std::vector<OutputAxis> population_outputs(bool mechanism) {
  // Concentrations: 1e-4..1e4 ng/mL on a log axis, far beyond any reported level at either
  // end; 512 bins give 3.7 % wide bins, interpolated within.
  std::vector<OutputAxis> axes{{"mitragynine_ng_ml", 1e-4, 1e4, true},
                               {"hydroxymitragynine_ng_ml", 1e-4, 1e4, true}};
  if (!mechanism) return axes;
  // The mechanism's indices are fractions (0..1); cortisol in nmol/L stays far below 2000; the
  // anxiety index is relative to baseline and stays within ±2 (docs/model.md, Part II).
  for (std::string_view column : kMechanismColumns) {
    if (column == "cortisol_nmol_l") {
      axes.push_back({column, 0, 2000, false});
    } else if (column == "anxiety_index") {
      axes.push_back({column, -2, 2, false});
    } else {
      axes.push_back({column, 0, 1, false});
    }
  }
  return axes;
}

BandAccumulator::BandAccumulator(std::size_t grid_points, std::vector<OutputAxis> axes,
                                 std::size_t counters)
    : grid_points_(grid_points),
      axes_(std::move(axes)),
      counter_offset_(axes_.size() * grid_points * (kBins + 2)),
      counts_(counter_offset_ + counters, 0) {
  // Bin position x·kBins with x = (f(v) - f(lo)) / (f(hi) - f(lo)), f = log or identity;
  // precomputed because add() runs for every subject at every grid point (the hottest loop).
  for (const OutputAxis& a : axes_) {
    const double origin = a.log ? std::log(a.lo) : a.lo;
    const double end = a.log ? std::log(a.hi) : a.hi;
    origin_.push_back(origin);
    bins_per_unit_.push_back(kBins / (end - origin));
  }
}

void BandAccumulator::add(std::size_t output, std::size_t point, double value) {
  double f = value;
  if (axes_[output].log) f = value > 0 ? std::log(value) : -INFINITY;
  const double x = (f - origin_[output]) * bins_per_unit_[output];
  std::size_t bin = 0;  // underflow
  if (x >= static_cast<double>(kBins)) {
    bin = kBins + 1;    // overflow
  } else if (x >= 0) {
    bin = 1 + static_cast<std::size_t>(x);
  }
  ++counts_[offset(output, point) + bin];
}

void BandAccumulator::merge(const BandAccumulator& other) {
  SPECIOSA_ASSERT(other.counts_.size() == counts_.size(), "accumulators of different shapes");
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

std::uint64_t BandAccumulator::samples(std::size_t output, std::size_t point) const {
  std::uint64_t n = 0;
  const std::size_t base = offset(output, point);
  for (std::size_t b = 0; b < kBins + 2; ++b) n += counts_[base + b];
  return n;
}

double BandAccumulator::quantile(std::size_t output, std::size_t point, double q) const {
  const OutputAxis& a = axes_[output];
  const std::uint64_t n = samples(output, point);
  if (n == 0) return NAN;
  const double rank = q * static_cast<double>(n);
  const std::size_t base = offset(output, point);
  double before = 0;
  for (std::size_t b = 0; b < kBins + 2; ++b) {
    const double c = static_cast<double>(counts_[base + b]);
    if (c == 0 || before + c < rank) {
      before += c;
      continue;
    }
    if (b == 0) return a.log ? 0.0 : a.lo;
    if (b == kBins + 1) return a.hi;
    // Spread the bin's samples evenly across it.
    const double position = (static_cast<double>(b - 1) + (rank - before) / c) / kBins;
    return a.log ? a.lo * std::pow(a.hi / a.lo, position) : a.lo + position * (a.hi - a.lo);
  }
  return a.hi;
}

}  // namespace speciosa::sim
