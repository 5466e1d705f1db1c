// One pending event: its key (time, tier, seq) and an opaque payload; the EventSet concept that
// every event set (sim/event_set.hpp) satisfies.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>

namespace sim {

// Tier 0: calendar events (opening, closing, capacity changes, warm-up end, stop) run before
// ordinary events at the same instant, so a gate that opens at 07:00 serves a 07:00 arrival.
enum class Tier : std::uint8_t { Calendar = 0, Normal = 1 };

struct EventEntry {
  double t;
  std::uint64_t order;     // (tier << 62) | seq
  std::uintptr_t payload;  // what to do: interpreted by the Simulation, opaque here

  static constexpr std::uint64_t make_order(Tier tier, std::uint64_t seq) {
    return (static_cast<std::uint64_t>(tier) << 62) | seq;
  }
  Tier tier() const { return static_cast<Tier>(order >> 62); }
  std::uint64_t seq() const { return order & ((std::uint64_t{1} << 62) - 1); }
};

inline bool before(const EventEntry& a, const EventEntry& b) {
  return a.t < b.t || (a.t == b.t && a.order < b.order);
}

template <class S>
concept EventSet = requires(S s, const S cs, const EventEntry& e) {
  s.push(e);
  { s.pop() } -> std::same_as<EventEntry>;
  { s.top() } -> std::same_as<const EventEntry&>;
  { cs.empty() } -> std::same_as<bool>;
  { cs.size() } -> std::same_as<std::size_t>;
  s.clear();
};

}  // namespace sim
