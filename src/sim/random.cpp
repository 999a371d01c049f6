// Counter-based random numbers: a subject's stream depends only on (seed, subject index).
#include <cmath>
#include <numbers>

#include "speciosa/sim_population.hpp"

namespace speciosa::sim {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): the golden-ratio increment and the finaliser below
// give a full-period stream that passes BigCrush from any starting state.
constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t subject)
    // Hashing (seed, subject) twice decorrelates neighbouring subjects and neighbouring seeds.
    : state_(mix(mix(seed + kGolden) ^ (subject * kGolden + 1))) {}

std::uint64_t RandomStream::next_u64() {
  state_ += kGolden;
  return mix(state_);
}

double RandomStream::uniform() {
  // 53 random bits, shifted by half a unit so the value is never 0 or 1.
  return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

double RandomStream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const double radius = std::sqrt(-2.0 * std::log(uniform()));
  const double angle = 2.0 * std::numbers::pi * uniform();
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

}  // namespace speciosa::sim
