from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.tfidf_classifier import TfidfIntentClassifier

EXAMPLES = {
    "greet": ["hi", "hello there", "hei hei", "hej", "hoi hoi", "hey whats up"],
    "crisis_danger": [
        "help he is hurting me", "hjelp han truer meg", "hjälp han slår mig",
        "help hij slaat me", "someone is following me", "im locked in",
    ],
}  # fmt: skip


def train_and_load(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("tfidf")
    context = ExecutionContext(GraphSchema({}), "test")
    component = TfidfIntentClassifier.create({}, storage, resource, context)
    data = TrainingData(
        [Message.build(text=t, intent=i) for i, ts in EXAMPLES.items() for t in ts]
    )
    component.train(data)
    return TfidfIntentClassifier.load({}, storage, resource, context)


def test_trained_model_survives_persist_and_load(tmp_path):
    loaded = train_and_load(tmp_path)
    [message] = loaded.process([Message.build(text="hjelp han truer meg nå")])
    assert message.get("intent")["name"] == "crisis_danger"
    ranking = message.get("intent_ranking")
    assert [r["name"] for r in ranking][0] == "crisis_danger"
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6


def test_untrained_component_leaves_messages_alone(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    empty = TfidfIntentClassifier.load({}, storage, Resource("none"), context)
    [message] = empty.process([Message.build(text="hello")])
    assert message.get("intent") is None
