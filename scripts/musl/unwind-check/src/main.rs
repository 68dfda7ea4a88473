//! Exits 0 if panics unwind and are caught, on the main thread and another one.

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let index = std::env::args().count() + 3;
    let caught = std::panic::catch_unwind(|| Vec::<u32>::new()[index]).is_err();
    let joined = std::thread::spawn(|| panic!("in a thread")).join().is_err();
    assert!(caught && joined);
    println!("panics unwind");
}
