#include <gtest/gtest.h>

#include <queue>
#include <random>

#include "sim/event_set.hpp"

namespace {

using sim::EventEntry;
using sim::Tier;

template <class S>
class EventSetTest : public ::testing::Test {};
using Implementations = ::testing::Types<sim::QuaternaryHeap, sim::CalendarQueue,
                                         sim::AdaptiveEventSet, sim::RadixHeap>;
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

}  // namespace
