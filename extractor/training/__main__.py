"""`python -m extractor.training zh-ner [OUTPUT_DIR]`: train and ship the Chinese NER pipeline."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from extractor.chinese.ner import MODEL_DIR
from extractor.training import zh_ner


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m extractor.training")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("zh-ner", help="train the Chinese NER pipeline on MSRA and write it to OUTPUT_DIR")
    command.add_argument("output_dir", nargs="?", type=Path, default=MODEL_DIR)
    command.add_argument("--tokens", choices=sorted(zh_ner.CONFIGS), default="char")
    command.add_argument("--cache-dir", type=Path, default=None, help="corpus and checkpoints (default: user cache)")
    command.add_argument("--dev-size", type=int, default=zh_ner.DEV_SIZE)
    command.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    args = parser.parse_args(argv)
    overrides = {} if args.max_steps is None else {"training.max_steps": args.max_steps}
    evaluation = zh_ner.train(
        args.output_dir, tokens=args.tokens, cache_dir=args.cache_dir, dev_size=args.dev_size, overrides=overrides
    )
    print(json.dumps(evaluation, indent=2))


if __name__ == "__main__":
    main()
