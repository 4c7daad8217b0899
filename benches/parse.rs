//! Parse and model benchmarks on generated roots of 2,000 and 5,000 resources (issue 3).
//!
//! The root is generated in-process and deterministically: files of 50 resources with
//! variables, locals, references between resources, `count`, `for_each`, templates and
//! `jsonencode`. `parse` measures hcl-edit plus our conversion of every file; `model` measures
//! `model::build` on the already parsed tree, so a regression shows in the stage it belongs to.
//!
//! `cargo bench --bench parse`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use zumen::parse::{parse_text, ParsedFile, ParsedModule, ParsedTree};

const PER_FILE: usize = 50;

/// One file of `PER_FILE` resources; resource `i` refers to resource `i - 1` of the same file.
fn file_text(file: usize) -> String {
    let mut out = format!(
        "variable \"prefix_{file}\" {{\n  type    = string\n  default = \"app{file}\"\n}}\n\n\
         locals {{\n  tags_{file} = {{ Project = \"bench\", File = \"{file}\" }}\n}}\n\n"
    );
    for i in 0..PER_FILE {
        let name = format!("r{file}_{i}");
        match i % 4 {
            0 => out.push_str(&format!(
                "# Intent: network boundary {name}.\nresource \"aws_security_group\" \"{name}\" {{\n  \
                 name   = \"${{var.prefix_{file}}}-{name}\"\n  tags   = local.tags_{file}\n  \
                 dynamic \"ingress\" {{\n    for_each = [80, 443]\n    content {{\n      from_port = ingress.value\n    }}\n  }}\n}}\n\n"
            )),
            1 => out.push_str(&format!(
                "resource \"aws_instance\" \"{name}\" {{\n  count                  = 2\n  ami                    = \"ami-123\"\n  \
                 vpc_security_group_ids = [aws_security_group.r{file}_{}.id]\n  tags = merge(local.tags_{file}, {{ Name = \"{name}-${{count.index}}\" }})\n}}\n\n",
                i - 1
            )),
            2 => out.push_str(&format!(
                "resource \"aws_s3_bucket\" \"{name}\" {{\n  for_each = toset([\"a\", \"b\"])\n  \
                 bucket   = \"${{var.prefix_{file}}}-${{each.key}}\"\n  \
                 policy   = jsonencode({{ Statement = [{{ Effect = \"Allow\", Resource = aws_instance.r{file}_{}[0].arn }}] }})\n}}\n\n",
                i - 1
            )),
            _ => out.push_str(&format!(
                "output \"{name}\" {{\n  value = [for b in aws_s3_bucket.r{file}_{} : b.arn]\n}}\n\n",
                i - 1
            )),
        }
    }
    out
}

fn files(resources: usize) -> Vec<(String, String)> {
    (0..resources.div_ceil(PER_FILE)).map(|f| (format!("file_{f:04}.tf"), file_text(f))).collect()
}

fn parse_all(files: &[(String, String)]) -> Vec<ParsedFile> {
    files.iter().filter_map(|(name, text)| parse_text(name, text, false).ok()).collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    for resources in [2_000, 5_000] {
        let files = files(resources);
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("parse", resources), &files, |b, files| {
            b.iter(|| black_box(parse_all(files)))
        });
        let tree = ParsedTree {
            modules: vec![ParsedModule { address: String::new(), dir: String::new(), files: parse_all(&files) }],
            diagnostics: Vec::new(),
        };
        group.bench_with_input(BenchmarkId::new("model", resources), &tree, |b, tree| {
            b.iter(|| black_box(zumen::model::build(tree, None, "bench")))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
