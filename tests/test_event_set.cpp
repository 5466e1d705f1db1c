#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <queue>
#include <random>

#include "bench/event_sets.hpp"  // the alternatives the engine does not use, benchmarked there
#include "sim/event_set.hpp"

namespace {

using sim::EventEntry;
using sim::Tier;

template <class S>
class EventSetTest : public ::testing::Test {};
using Implementations = ::testing::Types<sim::QuaternaryHeap, bench::CalendarQueue,
                                         sim::LadderQueue, sim::AdaptiveEventSet, bench::RadixHeap>;
TYPED_TEST_SUITE(EventSetTest, Implementations);

EventEntry entry(double t, Tier tier, std::uint64_t seq) {
  return EventEntry{t, EventEntry::make_order(tier, seq), seq};
}

TYPED_TEST(EventSetTest, SameTimeRunsByTierThenFifo) {
  TypeParam s;
  std::uint64_t seq = 0;
  s.push(entry(5.0, Tier::Normal, seq++));    // 0
  s.push(entry(5.0, Tier::Normal, seq++));    // 1
  s.push(entry(5.0, Tier::Calendar, seq++));  // 2: calendar first at the same instant
  s.push(entry(1.0, Tier::Normal, seq++));    // 3
  s.push(entry(5.0, Tier::Normal, seq++));    // 4
  std::vector<std::uint64_t> order;
  while (!s.empty()) order.push_back(s.pop().payload);
  EXPECT_EQ(order, (std::vector<std::uint64_t>{3, 2, 0, 1, 4}));
}

// Random hold model against std::priority_queue with the same keys: identical pop sequence,
// including many exact ties, through growth and shrinkage.
TYPED_TEST(EventSetTest, MatchesReferenceOrderUnderHoldAndResize) {
  TypeParam s;
  auto cmp = [](const EventEntry& a, const EventEntry& b) { return sim::before(b, a); };
  std::priority_queue<EventEntry, std::vector<EventEntry>, decltype(cmp)> ref(cmp);
  std::mt19937_64 rng(7);
  std::uint64_t seq = 0;
  double now = 0;
  auto push = [&](double t) {
    Tier tier = (rng() % 5 == 0) ? Tier::Calendar : Tier::Normal;
    EventEntry e = entry(t, tier, seq++);
    s.push(e);
    ref.push(e);
  };
  for (int i = 0; i < 2000; ++i) push(static_cast<double>(rng() % 100));
  for (int step = 0; step < 200000; ++step) {
    ASSERT_EQ(s.size(), ref.size());
    EventEntry a = s.pop();
    EventEntry b = ref.top();
    ref.pop();
    ASSERT_EQ(a.payload, b.payload) << "step " << step;
    ASSERT_GE(a.t, now);
    now = a.t;
    // Phases: grow, hold, shrink; times quantised to 1/64 so that ties are frequent. (With only
    // a handful of distinct times and thousands of events each, inserting an early time walks a
    // bucket's list: the O(n) worst case the header states; correct, but slow to test.)
    int phase = (step / 40000) % 3;
    int pushes = phase == 0 ? 2 : (phase == 1 ? 1 : (step % 2));
    for (int k = 0; k < pushes; ++k) push(now + static_cast<double>(rng() % 256) / 64.0);
    if (s.empty()) push(now + 1.0);
  }
  while (!s.empty()) {
    EventEntry a = s.pop();
    EventEntry b = ref.top();
    ref.pop();
    ASSERT_EQ(a.payload, b.payload);
  }
  EXPECT_TRUE(ref.empty());
}

TYPED_TEST(EventSetTest, HeavyTiesAcrossFewInstantsKeepFifo) {
  TypeParam s;
  auto cmp = [](const EventEntry& a, const EventEntry& b) { return sim::before(b, a); };
  std::priority_queue<EventEntry, std::vector<EventEntry>, decltype(cmp)> ref(cmp);
  std::mt19937_64 rng(11);
  std::uint64_t seq = 0;
  for (int i = 0; i < 3000; ++i) {
    Tier tier = (rng() % 4 == 0) ? Tier::Calendar : Tier::Normal;
    EventEntry e = entry(static_cast<double>(rng() % 4) * 3600.0, tier, seq++);
    s.push(e);
    ref.push(e);
  }
  while (!s.empty()) {
    ASSERT_EQ(s.pop().payload, ref.top().payload);
    ref.pop();
  }
}

// top() looks ahead past empty buckets; a later push of an earlier event must still come first.
TYPED_TEST(EventSetTest, PushEarlierThanPeekedTop) {
  TypeParam s;
  std::uint64_t seq = 0;
  s.push(entry(1.0, Tier::Normal, seq++));
  s.push(entry(1000.0, Tier::Normal, seq++));
  EXPECT_EQ(s.pop().t, 1.0);
  EXPECT_EQ(s.top().t, 1000.0);
  s.push(entry(6.0, Tier::Normal, seq++));
  EXPECT_EQ(s.top().t, 6.0);
  EXPECT_EQ(s.pop().t, 6.0);
  EXPECT_EQ(s.pop().t, 1000.0);
}

TYPED_TEST(EventSetTest, SparseFarFutureEvents) {
  TypeParam s;
  std::uint64_t seq = 0;
  for (int i = 0; i < 100; ++i) s.push(entry(1.0 + i * 1e-3, Tier::Normal, seq++));
  s.push(entry(1e7, Tier::Normal, seq++));
  s.push(entry(5e6, Tier::Normal, seq++));
  double last = 0;
  std::size_t n = 0;
  while (!s.empty()) {
    EventEntry e = s.pop();
    EXPECT_GE(e.t, last);
    last = e.t;
    ++n;
  }
  EXPECT_EQ(n, 102u);
  EXPECT_EQ(last, 1e7);
}

// Skewed workloads against the reference: a dense front with rare far-future events (a day's
// holds among minutes), bursts at one instant, pushes into the bucket being served, and times at
// infinity, interleaved with peeks. Exercises the ladder queue's deeper rungs, its bottom spill
// and its epochs.
TYPED_TEST(EventSetTest, SkewedWorkloadsMatchReference) {
  TypeParam s;
  auto cmp = [](const EventEntry& a, const EventEntry& b) { return sim::before(b, a); };
  std::priority_queue<EventEntry, std::vector<EventEntry>, decltype(cmp)> ref(cmp);
  std::mt19937_64 rng(23);
  std::exponential_distribution<double> expo(1.0);
  std::uint64_t seq = 0;
  double now = 0;
  auto push = [&](double t) {
    const Tier tier = (rng() % 7 == 0) ? Tier::Calendar : Tier::Normal;
    const EventEntry e = entry(t, tier, seq++);
    s.push(e);
    ref.push(e);
  };
  for (int i = 0; i < 500; ++i) push(expo(rng) * 60);
  push(std::numeric_limits<double>::infinity());
  for (int step = 0; step < 300000; ++step) {
    ASSERT_EQ(s.size(), ref.size());
    if (step % 3 == 0) {
      ASSERT_EQ(s.top().payload, ref.top().payload) << "peek, step " << step;
    }
    const EventEntry a = s.pop();
    const EventEntry b = ref.top();
    ref.pop();
    ASSERT_EQ(a.payload, b.payload) << "step " << step;
    now = a.t;
    if (std::isinf(now)) break;
    const int kind = static_cast<int>(rng() % 100);
    const int phase = (step / 50000) % 3;  // steady, growing, shrinking
    const int pushes = phase == 0 ? 1 : (phase == 1 ? 2 : static_cast<int>(step % 2));
    for (int k = 0; k < pushes; ++k) {
      if (kind < 2) {
        push(now + 86400 * (1 + expo(rng)));  // far future
      } else if (kind < 4) {
        for (int j = 0; j < 40; ++j) push(now + 3600);  // a burst at one instant
      } else if (kind < 10) {
        push(now);  // the current instant: into the bucket being served
      } else if (kind < 11) {
        push(std::numeric_limits<double>::infinity());
      } else {
        push(now + expo(rng) * 60);
      }
    }
    if (s.empty()) push(now + 1.0);
  }
  while (!s.empty()) {
    ASSERT_EQ(s.pop().payload, ref.top().payload);
    ref.pop();
  }
  EXPECT_TRUE(ref.empty());
}

// Hundreds of events pushed among the few being served now (a release of many waiters inside one
// bucket): the ladder queue spreads its overgrown bottom over a new rung; order is kept.
TYPED_TEST(EventSetTest, ManyPushesIntoTheServedBucket) {
  TypeParam s;
  auto cmp = [](const EventEntry& a, const EventEntry& b) { return sim::before(b, a); };
  std::priority_queue<EventEntry, std::vector<EventEntry>, decltype(cmp)> ref(cmp);
  std::uint64_t seq = 0;
  auto push = [&](double t, Tier tier) {
    const EventEntry e = entry(t, tier, seq++);
    s.push(e);
    ref.push(e);
  };
  for (int i = 0; i < 2000; ++i) push(static_cast<double>(i), Tier::Normal);
  for (int round = 0; round < 3; ++round) {
    const EventEntry a = s.pop();
    ASSERT_EQ(a.payload, ref.top().payload);
    ref.pop();
    for (int j = 0; j < 700; ++j)
      push(a.t + 0.25 + 1e-3 * (j % 350), j % 5 == 0 ? Tier::Calendar : Tier::Normal);
  }
  while (!s.empty()) {
    ASSERT_EQ(s.pop().payload, ref.top().payload);
    ref.pop();
  }
  EXPECT_TRUE(ref.empty());
}

}  // namespace
