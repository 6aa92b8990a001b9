"""The PDF reader: page geometry and table finding (`page`), reading pages into named
rows (`reader`), and rejoining rows split across pages (`stitch`)."""
