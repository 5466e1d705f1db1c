#include "sim/store.hpp"

namespace sim {

Container::Container(Simulation& s, double capacity, double initial, std::string name)
    : sim_(&s),
      name_(std::move(name)),
      capacity_(capacity),
      level_(initial),
      level_tw_(s.now(), initial) {
  if (!(capacity > 0)) throw std::invalid_argument("container capacity must be > 0");
  if (initial < 0 || initial > capacity)
    throw std::invalid_argument("container initial level must be in [0, capacity]");
  s.register_stats(this);
}

Container::~Container() {
  sim_->unregister_stats(this);
}

bool Container::try_now(double amount, bool is_get) {
  if (is_get) {
    if (get_head_ || amount > level_) return false;
    level_ -= amount;
    get_waits_.add(0.0);
  } else {
    if (put_head_ || level_ + amount > capacity_) return false;
    level_ += amount;
    put_waits_.add(0.0);
  }
  level_tw_.update(sim_->now(), level_);
  settle();
  return true;
}

void Container::wait(Waiter* w, bool is_get) {
  w->next = nullptr;
  Waiter*& head = is_get ? get_head_ : put_head_;
  Waiter*& tail = is_get ? get_tail_ : put_tail_;
  if (tail)
    tail->next = w;
  else
    head = w;
  tail = w;
  ++(is_get ? n_get_ : n_put_);
}

// Serves waiting getters and putters, each queue in FIFO order, until neither head fits.
void Container::settle() {
  const double now = sim_->now();
  bool progress = true;
  while (progress) {
    progress = false;
    if (get_head_ && get_head_->amount <= level_) {
      Waiter* w = get_head_;
      get_head_ = w->next;
      if (!get_head_) get_tail_ = nullptr;
      --n_get_;
      level_ -= w->amount;
      get_waits_.add(now - w->since);
      sim_->schedule_resume(now, Tier::Normal, w->handle);
      progress = true;
    }
    if (put_head_ && level_ + put_head_->amount <= capacity_) {
      Waiter* w = put_head_;
      put_head_ = w->next;
      if (!put_head_) put_tail_ = nullptr;
      --n_put_;
      level_ += w->amount;
      put_waits_.add(now - w->since);
      sim_->schedule_resume(now, Tier::Normal, w->handle);
      progress = true;
    }
  }
  level_tw_.update(now, level_);
}

void Container::reset_stats(double now) {
  level_tw_.reset(now);
  get_waits_.reset();
  put_waits_.reset();
}

}  // namespace sim
