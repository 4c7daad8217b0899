fn main() {
    println!("zumen: under construction");
}
