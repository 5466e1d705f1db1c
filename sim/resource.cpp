#include "sim/resource.hpp"

#include <cassert>
#include <stdexcept>

namespace sim {

Resource::Resource(Simulation& s, int capacity, std::string name)
    : sim_(&s),
      name_(std::move(name)),
      capacity_(capacity),
      queue_tw_(s.now(), 0),
      busy_tw_(s.now(), 0),
      capacity_tw_(s.now(), capacity) {
  if (capacity < 0) throw std::invalid_argument("resource capacity must be >= 0");
  s.register_stats(this);
}

Resource::~Resource() {
  sim_->unregister_stats(this);
}

void Resource::enqueue(Waiter* w, int priority) {
  auto it = classes_.begin();
  while (it != classes_.end() && it->priority < priority) ++it;
  if (it == classes_.end() || it->priority != priority)
    it = classes_.insert(it, Class{priority, nullptr, nullptr});
  w->priority = priority;
  w->next = nullptr;
  w->prev = it->tail;
  if (it->tail)
    it->tail->next = w;
  else
    it->head = w;
  it->tail = w;
  ++queued_;
  queue_changed(sim_->now(), 1.0);
}

void Resource::withdraw(Waiter* w) {
  auto it = classes_.begin();
  while (it->priority != w->priority) ++it;  // the waiter is queued, so its class exists
  if (w->prev)
    w->prev->next = w->next;
  else
    it->head = w->next;
  if (w->next)
    w->next->prev = w->prev;
  else
    it->tail = w->prev;
  w->deadline = nullptr;
  --queued_;
  ++withdrawn_;
  const double now = sim_->now();
  queue_changed(now, -1.0);
  sim_->schedule_resume(now, Tier::Normal, w->handle);
}

void Resource::release() {
  assert(busy_ > 0);
  if (queued_ > 0 && busy_ <= capacity_) {
    // Hand the server straight to the next waiter: busy stays the same, only the queue shrinks.
    --busy_;
    grant_next();
    ++busy_;
    queue_changed(sim_->now(), -1.0);
    return;
  }
  --busy_;
  busy_tw_.update(sim_->now(), busy_);
  dispatch();
}

// Takes the first waiter of the highest-priority class and schedules it; the caller counts it busy.
void Resource::grant_next() {
  Class* c = nullptr;
  for (Class& k : classes_)
    if (k.head) {
      c = &k;
      break;
    }
  Waiter* w = c->head;
  c->head = w->next;
  if (c->head)
    c->head->prev = nullptr;
  else
    c->tail = nullptr;
  w->granted = true;
  if (w->deadline) Simulation::disarm(w->deadline);
  --queued_;
  ++grants_;
  const double now = sim_->now();
  waits_.add(now - w->requested_at);
  sim_->schedule_resume(now, Tier::Normal, w->handle);
}

void Resource::dispatch() {
  if (busy_ >= capacity_ || queued_ == 0) return;
  const std::size_t before = queued_;
  while (busy_ < capacity_ && queued_ > 0) {
    grant_next();
    ++busy_;
  }
  const double now = sim_->now();
  queue_changed(now, -static_cast<double>(before - queued_));
  busy_tw_.update(now, busy_);
}

void Resource::set_capacity(int c) {
  if (c < 0) throw std::invalid_argument("resource capacity must be >= 0");
  capacity_ = c;
  capacity_tw_.update(sim_->now(), c);
  dispatch();
}

double Resource::utilisation() const {
  double now = sim_->now();
  double cap = capacity_tw_.mean(now);
  return cap > 0 ? busy_tw_.mean(now) / cap : 0.0;
}

void Resource::reset_stats(double now) {
  withdrawn_ = 0;
  queue_tw_.reset(now);
  busy_tw_.reset(now);
  capacity_tw_.reset(now);
  waits_.reset();
}

}  // namespace sim
