-- Version 6: a relabel no longer loses attribute values. When an annotation's new label does not define one of
-- its attributes (a Claim's claimant on an Actor), the value is set aside here instead of dropped, and comes back
-- when the annotation is relabelled to a label that defines it again. Set-aside values are never exported and
-- never shown as attributes; they are a JSON object like `attributes`.
ALTER TABLE annotations ADD COLUMN set_aside TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(set_aside) AND json_type(set_aside) = 'object');
